terraform {
  backend "gcs" {
    bucket = "terrace-tfstate-europe-west3"
    prefix = "environments/gcpvar-prod"
  }
}
