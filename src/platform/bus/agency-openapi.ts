import { EnvelopeSchema } from '../../contracts/envelope.ts';
import { CONTRACT_ERROR, MessagesBody } from './agency-http-contract.ts';

const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });

/**
 * The HTTP contract between the platform and an agency system as an OpenAPI 3.1 document, generated from
 * the same schemas the bridge and the built-in agencies validate with (docs/external-agency.openapi.json).
 */
export function agencyContractOpenApi() {
  const idempotencyKey = { name: 'Idempotency-Key', in: 'header', required: true, description: 'The envelope id: the same message sent again carries the same key.', schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'lienthong — agency system contract',
      version: '1',
      description:
        'How the platform delivers messages to an agency system, and how the agency answers. Every envelope is signed by its sender (Ed25519, `ed25519:<keyId>:<base64url>` over the canonical JSON of the envelope without its signature) and verified against the agency registry. See docs/external-agency.md.',
    },
    components: { schemas: { Envelope: EnvelopeSchema, Messages: MessagesBody, Error: CONTRACT_ERROR } },
    paths: {
      '/{agency endpoint}': {
        post: {
          summary: 'Implemented by the agency system: the platform delivers one signed message',
          parameters: [idempotencyKey],
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Envelope' }, 'One signed envelope') },
          responses: {
            '200': json({ $ref: '#/components/schemas/Messages' }, 'Done now: the signed replies'),
            '202': { description: 'Accepted: the replies come later by callback' },
            '400': json({ oneOf: [{ $ref: '#/components/schemas/Messages' }, { $ref: '#/components/schemas/Error' }] }, 'Refused now (signed replies), or the message cannot be applied (error: dead-lettered)'),
            '401': json({ $ref: '#/components/schemas/Error' }, 'Signature or sender not accepted (dead-lettered)'),
            '409': { description: 'Already applied: nothing more to do' },
            '429': { description: 'Busy: the platform retries with backoff' },
            '503': { description: 'Not now: the platform retries with backoff' },
          },
        },
      },
      '/api/v1/callbacks': {
        post: {
          summary: 'Implemented by the platform (the bridge): the agency system delivers its signed replies',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Messages' }, 'Replies, each signed by the agency') },
          responses: {
            '200': json({ type: 'object', properties: { accepted: { type: 'integer' } } }, 'On the bus'),
            '400': json({ $ref: '#/components/schemas/Error' }, 'Not a list of envelopes'),
            '401': json({ $ref: '#/components/schemas/Error' }, 'A signature or sender not accepted: nothing was published'),
          },
        },
      },
    },
  };
}
