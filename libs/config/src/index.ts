export * from './environment';
export * from './app-config.service';
export * from './redis-keys';
export * from './redis-topology';
export * from './config.module';
export * from './shutdown-deadline';
