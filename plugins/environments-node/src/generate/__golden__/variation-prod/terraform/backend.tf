terraform {
  backend "s3" {
    bucket         = "terrace-tfstate-eu-west-1"
    key            = "environments/var-prod/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terrace-tfstate-lock"
    encrypt        = true
  }
}
