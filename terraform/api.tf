# A REST API whose Lambda proxy integrations stream (response transfer mode STREAM, InvokeWithResponseStream): the
# completions function's runtime loop writes the streaming prelude and then each chunk as it arrives, and API
# Gateway passes them on, so SSE reaches the client token by token and answers may run past 29 seconds (up to
# api_timeout_ms). ARCHITECTURE.md says why this and not a function URL.

resource "aws_api_gateway_rest_api" "this" {
  name        = var.name
  description = "Kilo Gateway ${var.name}: OpenAI-compatible API"

  # Regional: an edge-optimized endpoint's CloudFront idle timeout (30 s) would cut slow streams.
  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = local.tags
}

# The path tree. The application serves everything under /v1 and the hosted-Kilo aliases /api/openrouter and
# /api/gateway (plus /health and /openapi), so greedy proxies hand it whole subtrees; only /v1/route belongs to the
# router. API Gateway prefers the most specific match, so /v1/route wins over /v1/{proxy+}.
resource "aws_api_gateway_resource" "proxy" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_resource" "v1" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "v1"
}

resource "aws_api_gateway_resource" "v1_proxy" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.v1.id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_resource" "route" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.v1.id
  path_part   = "route"
}

resource "aws_api_gateway_resource" "route_proxy" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.route.id
  path_part   = "{proxy+}"
}

locals {
  # Every wired path and the function behind it. Methods are ANY: the application answers 404/405 in OpenAI's shape.
  routes = {
    proxy       = { path = "/{proxy+}", resource_id = aws_api_gateway_resource.proxy.id, function = "completions" }
    v1_proxy    = { path = "/v1/{proxy+}", resource_id = aws_api_gateway_resource.v1_proxy.id, function = "completions" }
    route       = { path = "/v1/route", resource_id = aws_api_gateway_resource.route.id, function = "router" }
    route_proxy = { path = "/v1/route/{proxy+}", resource_id = aws_api_gateway_resource.route_proxy.id, function = "router" }
  }
  api_functions = toset([for r in values(local.routes) : r.function])
}

resource "aws_api_gateway_method" "route" {
  for_each = local.routes

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = each.value.resource_id
  http_method = "ANY"
  # The application checks Bearer keys itself (DynamoDB keys table, cached), and leaves model lists public.
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "route" {
  for_each = local.routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = each.value.resource_id
  http_method             = aws_api_gateway_method.route[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.this[each.value.function].response_streaming_invoke_arn
  response_transfer_mode  = "STREAM"
  timeout_milliseconds    = var.api_timeout_ms
}

resource "aws_lambda_permission" "api" {
  for_each = local.api_functions

  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*"
}

# API Gateway's own errors (no route, throttled, integration failure) in OpenAI's error shape, as every other error.
resource "aws_api_gateway_gateway_response" "openai_shape" {
  for_each = toset(["DEFAULT_4XX", "DEFAULT_5XX"])

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key

  response_templates = {
    "application/json" = "{\"error\":{\"message\":$context.error.messageString,\"type\":\"api_gateway_error\",\"param\":null,\"code\":\"$context.error.responseType\"}}"
  }
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id

  # A new deployment whenever the wiring changes; a stage serves only what was deployed.
  triggers = {
    redeployment = sha1(jsonencode([
      local.routes,
      [for m in aws_api_gateway_method.route : m.id],
      [for i in aws_api_gateway_integration.route : [i.id, i.uri, i.response_transfer_mode, i.timeout_milliseconds]],
      [for r in aws_api_gateway_gateway_response.openai_shape : r.id],
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [aws_api_gateway_integration.route]
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = var.api_stage_name
  description   = "Kilo Gateway ${var.name}"
  tags          = local.tags
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
    # Execution logs would need the account-wide API Gateway CloudWatch role; the functions log every request.
    logging_level   = "OFF"
    metrics_enabled = true
  }
}
