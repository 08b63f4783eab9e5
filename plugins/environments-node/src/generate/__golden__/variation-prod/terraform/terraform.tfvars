region = "eu-west-1"
# Required before the first plan (Atlas API keys go in CI secrets as TF_VAR_atlas_*, not here):
# edge_api_origin_domain = "..."
# api_certificate_arn = "..."
# workers_certificate_arn = "..."
# atlas_org_id = "..."
