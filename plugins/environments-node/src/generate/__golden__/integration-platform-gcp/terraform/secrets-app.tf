resource "google_secret_manager_secret" "app_partner_api_key" {
  secret_id = "integration-platform-staging-app-partner-api-key"
  labels = {
    terrace-component = "app"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}

resource "google_secret_manager_secret" "app_webhook_signing_key" {
  secret_id = "integration-platform-staging-app-webhook-signing-key"
  labels = {
    terrace-component = "app"
  }

  replication {
    user_managed {
      replicas {
        location = var.region
      }
    }
  }
}
