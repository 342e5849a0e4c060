import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config.service';
import { validateEnvironment } from './environment';

/** Global module: validates the environment at boot and provides `AppConfig`. */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (env) => ({ ...validateEnvironment(env) }) })],
  providers: [AppConfig],
  exports: [AppConfig],
})
export class AppConfigModule {}
