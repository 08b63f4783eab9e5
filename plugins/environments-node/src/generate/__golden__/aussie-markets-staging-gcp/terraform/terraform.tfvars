region = "australia-southeast1"
# Required before the first plan:
# project_id = "..."
