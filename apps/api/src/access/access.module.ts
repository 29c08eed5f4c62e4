import { Global, Module } from '@nestjs/common';
import { AccessDecider } from './access-decider';
import { AccessFacts } from './access-facts';
import { AccessGuard } from './access.guard';

/** Global, so that @Access(...) (which applies AccessGuard) works on any controller without imports. */
@Global()
@Module({
  providers: [AccessFacts, AccessDecider, AccessGuard],
  exports: [AccessFacts, AccessDecider, AccessGuard],
})
export class AccessModule {}
