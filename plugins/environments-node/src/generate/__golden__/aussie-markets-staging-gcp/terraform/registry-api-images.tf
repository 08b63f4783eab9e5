resource "google_artifact_registry_repository" "api_images" {
  #checkov:skip=CKV_GCP_84:images are encrypted with Google-managed keys; no customer-managed key by design
  repository_id = "aussie-markets-stag-fa9ef7"
  location      = var.region
  format        = "DOCKER"
  description   = "Container images of aussie-markets-staging (api-images)"
  labels = {
    terrace-component = "api-images"
  }
  cleanup_policy_dry_run = false

  docker_config {
    immutable_tags = false
  }
  cleanup_policies {
    id     = "keep-most-recent"
    action = "KEEP"

    most_recent_versions {
      keep_count = 10
    }
  }
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"

    condition {
      tag_state  = "UNTAGGED"
      older_than = "86400s"
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
