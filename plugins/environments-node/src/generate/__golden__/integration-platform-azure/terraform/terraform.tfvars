location = "westeurope"
# Required before the first plan (Atlas API keys go in CI secrets as TF_VAR_atlas_*, not here):
# subscription_id = "..."
# management_ip_ranges = ["..."]
# atlas_org_id = "..."
