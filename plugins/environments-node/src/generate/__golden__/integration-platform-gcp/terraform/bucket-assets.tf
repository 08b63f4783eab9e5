resource "google_storage_bucket" "assets" {
  #checkov:skip=CKV_GCP_62:access is recorded by Cloud Audit Logs (data access logs) rather than legacy usage-log buckets
  #checkov:skip=CKV_GCP_114:served to the internet through the cdn web: its backend bucket needs public reads
  name                        = "integration-platform-stag-b12e62-${var.project_id}"
  location                    = "EUROPE-WEST1"
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "inherited"
  force_destroy               = false
  labels = {
    terrace-component = "assets"
  }

  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      num_newer_versions = 3
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
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
    origin          = ["https://integrations.example.com"]
    method          = ["GET", "HEAD"]
    response_header = ["Content-Type", "ETag"]
    max_age_seconds = 3600
  }
}

resource "google_storage_bucket_iam_member" "assets_public_read" {
  #checkov:skip=CKV_GCP_28:public only through the cdn web (the spec says public: true)
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
