region = "us-east-1"
# Required before the first plan:
# backend_certificate_arn = "..."
# web_api_origin_domain = "..."
