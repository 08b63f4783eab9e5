region = "ap-southeast-2"
# Required before the first plan:
# api_certificate_arn = "..."
