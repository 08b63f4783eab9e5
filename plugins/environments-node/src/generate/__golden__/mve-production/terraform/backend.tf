terraform {
  backend "s3" {
    bucket         = "terrace-tfstate-us-east-1"
    key            = "environments/mve-production/terraform.tfstate"
    region         = "us-east-1"
    dynamodb_table = "terrace-tfstate-lock"
    encrypt        = true
  }
}
