provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    terrace-environment = "gcpvar-prod"
    terrace-managed-by  = "terrace"
    terrace-owner       = "group_default_platform"
    terrace-system      = "variations"
    terrace-tier        = "prod"
  }
}
