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

variable "api_certificate_arn" {
  type        = string
  description = "ARN of the ACM certificate for the HTTPS listener of api."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:", var.api_certificate_arn))
    error_message = "api_certificate_arn must be an ACM certificate ARN."
  }
}
