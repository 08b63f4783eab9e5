variable "project_id" {
  type        = string
  description = "Google Cloud project id the environment lives in."
}

variable "region" {
  type        = string
  description = "Google Cloud region of the environment."
  default     = "europe-west1"
}

variable "alarm_email" {
  type        = string
  description = "E-mail address every alert policy notifies; empty for none."
  default     = ""
}

variable "web_domain" {
  type        = string
  description = "DNS name served by the CDN web: its Google-managed certificate covers it; point an A record at the output web_ip_address."
}

variable "atlas_public_key" {
  type        = string
  description = "MongoDB Atlas API public key (set it as TF_VAR_atlas_public_key in CI)."
  sensitive   = true
}

variable "atlas_private_key" {
  type        = string
  description = "MongoDB Atlas API private key (set it as TF_VAR_atlas_private_key in CI)."
  sensitive   = true
}

variable "atlas_org_id" {
  type        = string
  description = "MongoDB Atlas organisation that owns the projects."
}
