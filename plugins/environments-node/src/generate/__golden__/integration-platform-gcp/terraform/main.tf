# Terrace environment integration-platform-staging (staging, europe-west1, Google Cloud).
# Generated from environment.yaml: edit the spec and regenerate rather than this file.

resource "google_monitoring_notification_channel" "alarm_email" {
  count        = var.alarm_email == "" ? 0 : 1
  display_name = "integration-platform-staging alarms"
  type         = "email"
  labels = {
    email_address = var.alarm_email
  }
  user_labels = {
    terrace-component = "shared"
  }
}
