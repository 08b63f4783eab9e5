provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    terrace-environment = "aussie-markets-staging"
    terrace-managed-by  = "terrace"
    terrace-owner       = "group_default_markets"
    terrace-system      = "aussie-markets"
    terrace-tier        = "staging"
  }
}
