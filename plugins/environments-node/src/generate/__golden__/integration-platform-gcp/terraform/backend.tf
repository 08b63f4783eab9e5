terraform {
  backend "gcs" {
    bucket = "terrace-tfstate-europe-west1"
    prefix = "environments/integration-platform-staging"
  }
}
