region = "europe-west1"
# Required before the first plan:
# project_id = "..."
# web_domain = "..."
# atlas_org_id = "..."
