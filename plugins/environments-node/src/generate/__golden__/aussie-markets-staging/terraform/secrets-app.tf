resource "aws_ssm_parameter" "app_database_password" {
  # Placeholder only: set the value outside Terraform (aws ssm put-parameter --overwrite).
  name        = "/aussie-markets-staging/app/database-password"
  description = "Secret database-password of aussie-markets-staging; value managed outside Terraform"
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
  name        = "/aussie-markets-staging/app/jwt-secret"
  description = "Secret jwt-secret of aussie-markets-staging; value managed outside Terraform"
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
