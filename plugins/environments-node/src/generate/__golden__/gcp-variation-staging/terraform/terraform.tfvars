region = "us-central1"
# Required before the first plan:
# project_id = "..."
# edge_domain = "..."
# atlas_org_id = "..."
