resource "google_storage_bucket" "uploads" {
  #checkov:skip=CKV_GCP_62:access is recorded by Cloud Audit Logs (data access logs) rather than legacy usage-log buckets
  #checkov:skip=CKV_GCP_78:versioning is off in this staging spec (bucket uploads)
  name                        = "gcpvar-staging-uploads-${var.project_id}"
  location                    = "US-CENTRAL1"
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  labels = {
    terrace-component = "uploads"
  }

  versioning {
    enabled = false
  }
  lifecycle_rule {
    condition {
      age = 30
    }
    action {
      type = "Delete"
    }
  }
  lifecycle_rule {
    condition {
      age = 7
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }
  cors {
    origin          = ["https://example.com"]
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type", "ETag"]
    max_age_seconds = 3600
  }
}
