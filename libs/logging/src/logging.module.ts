import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@app/config';

/**
 * Personal fields never reach a log line. Request bodies are not logged at all; these
 * paths catch personal data that code might put in a log object by mistake.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["x-forwarded-for"]',
  'req.remoteAddress',
  'req.remotePort',
  '*.name',
  '*.email',
  '*.phone',
  '*.birthDate',
  '*.address',
  '*.typedName',
  '*.claimant',
  '*.ip',
  'name',
  'email',
  'phone',
  'birthDate',
  'address',
  'typedName',
  'claimant',
  'ip',
];

@Module({})
export class LoggingModule {
  static forRoot(service: 'api' | 'worker'): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              base: { service },
              redact: { paths: REDACT_PATHS, censor: '[redacted]' },
              transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
              // No line per request: at thousands of claims a second it costs real throughput and
              // the load balancer keeps access logs. Errors are logged by the exception filter.
              autoLogging: false,
              serializers: {
                // Status links carry a bearer token in the query string: log the path only.
                req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
              },
            },
          }),
        }),
      ],
    };
  }
}
