resource "google_artifact_registry_repository" "images" {
  #checkov:skip=CKV_GCP_84:images are encrypted with Google-managed keys; no customer-managed key by design
  repository_id = "gcpvar-prod-images"
  location      = var.region
  format        = "DOCKER"
  description   = "Container images of gcpvar-prod (images)"
  labels = {
    terrace-component = "images"
  }
  cleanup_policy_dry_run = false

  docker_config {
    immutable_tags = true
  }
  cleanup_policies {
    id     = "keep-most-recent"
    action = "KEEP"

    most_recent_versions {
      keep_count = 50
    }
  }
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"

    condition {
      tag_state  = "UNTAGGED"
      older_than = "1209600s"
    }
  }
  cleanup_policies {
    id     = "delete-old-tagged"
    action = "DELETE"

    condition {
      tag_state  = "TAGGED"
      older_than = "2592000s"
    }
  }
}
