provider "google" {
  project = var.project_id
  region  = var.region
  default_labels = {
    terrace-environment = "gcpvar-staging"
    terrace-managed-by  = "terrace"
    terrace-owner       = "group_default_platform"
    terrace-system      = "variations"
    terrace-tier        = "staging"
  }
}

provider "mongodbatlas" {
  public_key  = var.atlas_public_key
  private_key = var.atlas_private_key
}
