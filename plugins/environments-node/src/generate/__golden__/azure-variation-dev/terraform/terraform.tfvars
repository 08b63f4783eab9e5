location = "westeurope"
# Required before the first plan (Atlas API keys go in CI secrets as TF_VAR_atlas_*, not here):
# subscription_id = "..."
# management_ip_ranges = ["..."]
# workers_admin_ssh_public_key = "..."
# atlas_org_id = "..."
