export * from './access-log.service';
export * from './staff.module';
