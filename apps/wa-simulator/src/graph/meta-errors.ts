/**
 * The Cloud API error codes the simulator produces, with Meta's titles and HTTP statuses
 * (Cloud API "Error codes" page). `async` codes are not answered on the send: like Meta, the
 * send gets a wamid and the error arrives later in a `failed` status webhook.
 */
export interface MetaErrorSpec {
  code: number;
  title: string;
  details: string;
  httpStatus: number;
  async: boolean;
}

const spec = (code: number, httpStatus: number, title: string, details: string, async = false): MetaErrorSpec => ({
  code,
  title,
  details,
  httpStatus,
  async,
});

const CATALOG: readonly MetaErrorSpec[] = [
  spec(100, 400, 'Invalid parameter', 'Invalid parameter'),
  spec(190, 401, 'Invalid OAuth access token - Cannot parse access token', 'The access token is invalid or expired.'),
  spec(130429, 429, 'Rate limit hit', 'Cloud API message throughput has been reached.'),
  spec(131000, 500, 'Something went wrong', 'Message failed to send due to an unknown error.'),
  spec(131008, 400, 'Required parameter is missing', 'A required parameter is missing.'),
  spec(131009, 400, 'Parameter value is not valid', 'One or more parameter values are invalid.'),
  spec(131016, 503, 'Service unavailable', 'A service is temporarily unavailable.'),
  spec(131021, 400, 'Recipient cannot be sender', 'Sender and recipient phone number is the same.'),
  spec(131026, 400, 'Message undeliverable', 'Message Undeliverable.', true),
  spec(
    131047,
    400,
    'Re-engagement message',
    'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    true,
  ),
  spec(
    131049,
    400,
    'This message was not delivered to maintain healthy ecosystem engagement.',
    'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
    true,
  ),
  spec(
    131050,
    400,
    'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.',
    'The recipient has stopped marketing messages from this business.',
    true,
  ),
  // Business-scoped user ids: an authentication (one-time code) template cannot go to a BSUID.
  spec(
    131062,
    400,
    'Business-scoped user ID recipient not allowed',
    'Authentication templates cannot be sent to a business-scoped user ID: send them to the phone number.',
  ),
  // Throttling: answered on the send (HTTP 400), never in a status webhook.
  spec(
    131048,
    400,
    'Spam rate limit hit',
    'Message failed to send because there are restrictions on how many messages can be sent from this phone number. This may be because too many previous messages were blocked or flagged as spam.',
  ),
  spec(131064, 400, 'Rate limit hit', 'Message failed to send because of a rate limit on this phone number. Try again later.'),
  spec(
    131056,
    400,
    '(Business Account, Consumer Account) pair rate limit hit',
    'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.',
  ),
  spec(132000, 400, 'Number of parameters does not match the expected number of params', 'Number of parameters does not match.'),
  spec(132001, 400, 'Template name does not exist in the translation', 'Template name does not exist in the translation.'),
  spec(132012, 400, 'Parameter format does not match format in the created template', 'Parameter format mismatch.'),
  spec(132015, 400, 'Template is Paused', 'Template is paused due to low quality so it cannot be sent in a template message.'),
  spec(132016, 400, 'Template is Disabled', 'Template has been paused too many times due to low quality and is now permanently disabled.'),
  spec(
    132018,
    400,
    'There was an issue with the parameters in your template.',
    'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
  ),
];

const BY_CODE = new Map(CATALOG.map((s) => [s.code, s]));

/** Meta's spec for `code`; an unknown code (forced through the failure modes) is a plain 400. */
export function metaError(code: number): MetaErrorSpec {
  return BY_CODE.get(code) ?? spec(code, 400, `Simulated error ${code}`, `Error ${code} forced by the simulator's failure modes.`);
}

export const ERROR_CODES_HREF = 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/';

/** The `errors[]` item of a `failed` status webhook. */
export interface StatusError {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export function statusError(code: number, details?: string): StatusError {
  const s = metaError(code);
  return { code, title: s.title, message: s.title, error_data: { details: details ?? s.details }, href: ERROR_CODES_HREF };
}
