import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AuthController, StaffController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { StaffSessions } from './staff-sessions';
import { StaffRepository } from './staff.repository';

@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      // A KeyObject made once: given a string, jsonwebtoken first tries to parse it as a public
      // key on every verify and sign (about a millisecond of CPU per staff request, measured).
      // HS256 only, named on both sides.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'giliran', algorithm: 'HS256' },
        verifyOptions: { issuer: 'giliran', algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, StaffController],
  providers: [AuthService, StaffRepository, StaffSessions, LoginThrottle, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
