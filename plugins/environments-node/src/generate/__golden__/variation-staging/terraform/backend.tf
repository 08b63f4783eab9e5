terraform {
  backend "s3" {
    bucket         = "terrace-tfstate-ap-southeast-2"
    key            = "environments/var-staging/terraform.tfstate"
    region         = "ap-southeast-2"
    dynamodb_table = "terrace-tfstate-lock"
    encrypt        = true
  }
}
