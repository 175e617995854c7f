import { STATUS_CODES } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Transform } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api-exception';
import { renderError } from './all-exceptions.filter';

const isMultipart = (headers: IncomingHttpHeaders) => /^\s*multipart\/form-data\b/i.test(headers['content-type'] ?? '');
const hasBody = (headers: IncomingHttpHeaders) =>
  (headers['content-length'] !== undefined && headers['content-length'] !== '0') || headers['transfer-encoding'] !== undefined;

/**
 * Node's requestTimeout is one limit for every request, and an upload needs the longer one; so
 * the server is given the upload's limit, and every other body must arrive within `seconds` of
 * its headers or it is answered 408 (in the one error format) and the connection closed. Uploads
 * (multipart/form-data) are read by their route straight from the socket, under Node's limit.
 * An answer given before the body has arrived closes the connection, so no sender is made to
 * finish (or may keep trickling) a body no one will read.
 */
export function installBodyDeadline(fastify: FastifyInstance, seconds: number, uploadSeconds = seconds): void {
  fastify.addHook('preParsing', async (request, reply, payload) => {
    // (An injected request, in tests, has no real socket to time.)
    if (isMultipart(request.headers) && typeof request.raw.socket?.setTimeout === 'function') {
      // The idle timeout (a connection with nothing moving is closed) must not cut an upload
      // while the server is still taking the file in after its last byte: the upload's own limit
      // stands for it until the answer is sent; after that the socket is idle-timed as before.
      const socket = request.raw.socket;
      const idle = socket.timeout ?? 0;
      const upload = uploadSeconds * 1000;
      socket.setTimeout(upload);
      // Unless Node has set it meanwhile (to the keep-alive timeout, once the answer is out).
      reply.raw.once('finish', () => socket.timeout === upload && socket.setTimeout(idle));
      return payload;
    }
    if (!hasBody(request.headers) || isMultipart(request.headers)) return payload;
    let received = 0;
    const body = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        // Fastify compares this with content-length (and the body limit) when the body ends.
        (body as Transform & { receivedEncodedLength: number }).receivedEncodedLength = received;
        done(null, chunk);
      },
    });
    const timer = setTimeout(() => {
      if (request.raw.complete || reply.sent) return;
      payload.unpipe(body);
      // The parser answers with this error, with connection: close.
      body.destroy(Object.assign(new ApiException(HttpStatus.REQUEST_TIMEOUT, 'request.timeout'), { statusCode: HttpStatus.REQUEST_TIMEOUT }));
    }, seconds * 1000);
    timer.unref();
    const stop = () => clearTimeout(timer);
    request.raw.once('end', stop).once('close', stop);
    payload.once('error', (error) => body.destroy(error));
    body.on('error', () => undefined); // a body no parser reads (415) may still be timed out
    return payload.pipe(body);
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (hasBody(request.headers) && request.raw.complete === false) void reply.header('connection', 'close');
    return payload;
  });
}

/**
 * Errors Node raises on a connection before or outside any route (a request past the server's
 * requestTimeout, headers too large, bytes that are not HTTP), answered in the one error format
 * unless an answer is already on its way. Node's and Fastify's own answers are plain text or a
 * different JSON.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The response in flight on this socket, as Node's own handler checks it.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const exception =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ApiException(HttpStatus.REQUEST_TIMEOUT, 'request.timeout')
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? new ApiException(431 as HttpStatus, 'request.badRequest')
          : new ApiException(HttpStatus.BAD_REQUEST, 'request.badRequest');
    const { status, locale, payload } = renderError(exception, undefined);
    const body = JSON.stringify(payload);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-language: ${locale}\r\n` +
        `cache-control: no-store\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
