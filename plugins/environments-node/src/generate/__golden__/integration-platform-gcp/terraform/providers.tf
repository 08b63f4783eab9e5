provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    terrace-environment = "integration-platform-staging"
    terrace-managed-by  = "terrace"
    terrace-owner       = "group_default_integrations"
    terrace-system      = "integration-platform"
    terrace-tier        = "staging"
  }
}

provider "mongodbatlas" {
  public_key  = var.atlas_public_key
  private_key = var.atlas_private_key
}
