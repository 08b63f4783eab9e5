terraform {
  backend "gcs" {
    bucket = "terrace-tfstate-australia-southeast1"
    prefix = "environments/aussie-markets-staging"
  }
}
