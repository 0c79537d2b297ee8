package org.llmgate.providers.anthropic;

import org.llmgate.providers.HttpErrorClassifier;

/**
 * Anthropic's errors: {@code {"type":"error","error":{"type":"overloaded_error","message":..},"request_id":..}}
 * with types invalid_request_error (400), authentication_error (401), billing_error,
 * permission_error (403), not_found_error (404), request_too_large (413), rate_limit_error (429),
 * api_error (500) and overloaded_error (529, and also inside a 200 stream). An exhausted balance
 * comes as 400 "Your credit balance is too low…", which the credit phrases catch before bad_request.
 */
public class AnthropicErrors extends HttpErrorClassifier {
}
