variable "location" {
  type        = string
  description = "Azure region of the environment."
  default     = "westeurope"
}

variable "subscription_id" {
  type        = string
  description = "Azure subscription the environment lives in."
}

variable "management_ip_ranges" {
  type        = list(string)
  description = "Public IP ranges (CIDR) where Terraform runs, admitted by the Key Vault firewall so Terraform can write secrets."
}

variable "workers_admin_ssh_public_key" {
  type        = string
  description = "workers: SSH public key of the instances' admin user (password logins are off)."
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
