resource "aws_ssm_parameter" "app_stripe_key" {
  # Placeholder only: set the value outside Terraform (aws ssm put-parameter --overwrite).
  name        = "/var-dev/app/stripe-key"
  description = "Secret stripe-key of var-dev; value managed outside Terraform"
  type        = "SecureString"
  key_id      = aws_kms_key.main.arn
  value       = "set-outside-terraform"
  tags = {
    "terrace:component" = "app"
  }

  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "app_jwt_secret" {
  # Placeholder only: set the value outside Terraform (aws ssm put-parameter --overwrite).
  name        = "/var-dev/app/jwt-secret"
  description = "Secret jwt-secret of var-dev; value managed outside Terraform"
  type        = "SecureString"
  key_id      = aws_kms_key.main.arn
  value       = "set-outside-terraform"
  tags = {
    "terrace:component" = "app"
  }

  lifecycle {
    ignore_changes = [value]
  }
}
