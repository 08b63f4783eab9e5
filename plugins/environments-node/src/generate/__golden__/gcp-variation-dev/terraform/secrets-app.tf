resource "google_secret_manager_secret" "app_stripe_key" {
  secret_id = "gcpvar-dev-app-stripe-key"
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

resource "google_secret_manager_secret" "app_jwt_secret" {
  secret_id = "gcpvar-dev-app-jwt-secret"
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
