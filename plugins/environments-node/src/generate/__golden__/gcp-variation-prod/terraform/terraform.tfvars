region = "europe-west3"
# Required before the first plan:
# project_id = "..."
# edge_domain = "..."
# atlas_org_id = "..."
