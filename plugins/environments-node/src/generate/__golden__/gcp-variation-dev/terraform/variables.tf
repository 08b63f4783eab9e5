variable "project_id" {
  type        = string
  description = "Google Cloud project id the environment lives in."
}

variable "region" {
  type        = string
  description = "Google Cloud region of the environment."
  default     = "us-central1"
}

variable "alarm_email" {
  type        = string
  description = "E-mail address every alert policy notifies; empty for none."
  default     = ""
}

variable "edge_domain" {
  type        = string
  description = "DNS name served by the CDN edge: its Google-managed certificate covers it; point an A record at the output edge_ip_address."
}
