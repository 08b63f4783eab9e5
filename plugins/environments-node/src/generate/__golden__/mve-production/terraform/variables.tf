variable "region" {
  type        = string
  description = "AWS region of the environment."
  default     = "us-east-1"
}

variable "alarm_email" {
  type        = string
  description = "E-mail address subscribed to the alarm topic; empty for none."
  default     = ""
}

variable "backend_certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the HTTPS listener of backend."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.backend_certificate_arn))
    error_message = "backend_certificate_arn must be an ACM certificate ARN."
  }
}

variable "web_api_origin_domain" {
  type        = string
  description = "DNS name covered by the certificate of backend's load balancer and pointing at it; web forwards /api/* there over HTTPS."
}
