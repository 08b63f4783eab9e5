terraform {
  backend "gcs" {
    bucket = "terrace-tfstate-us-central1"
    prefix = "environments/gcpvar-dev"
  }
}
