variable "region" {
  type        = string
  description = "AWS region of the environment."
  default     = "ap-southeast-2"
}

variable "alarm_email" {
  type        = string
  description = "E-mail address subscribed to the alarm topic; empty for none."
  default     = ""
}

variable "edge_api_origin_domain" {
  type        = string
  description = "DNS name covered by the certificate of api's load balancer and pointing at it; edge forwards /api/* there over HTTPS."
}

variable "api_certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the HTTPS listener of api."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.api_certificate_arn))
    error_message = "api_certificate_arn must be an ACM certificate ARN."
  }
}

variable "workers_certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the HTTPS listener of workers."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.workers_certificate_arn))
    error_message = "workers_certificate_arn must be an ACM certificate ARN."
  }
}

variable "api_edge_api_origin_domain" {
  type        = string
  description = "DNS name covered by the certificate of api's load balancer and pointing at it; api-edge forwards /api/* there over HTTPS."
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
