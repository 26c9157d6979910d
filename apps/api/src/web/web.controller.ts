import { Controller, Get, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { WebAssets } from './web-assets';

/**
 * The managers' dashboard, a child's journey timeline and the panel's inbox: static pages whose
 * scripts read the JSON API from the same origin (no server-side rendering, no build step).
 */
@ApiExcludeController()
@Public() // the pages and assets hold no data; their API calls carry the token
@Controller()
export class WebController {
  constructor(private readonly assets: WebAssets) {}

  @Get()
  @Redirect('/dashboard', 302)
  home(): void {}

  @Get('dashboard')
  dashboard(@Res() res: Response): void {
    this.assets.send(res, 'dashboard.html');
  }

  // the child id is read by the page's script from the URL; the API validates it
  @Get('dashboard/children/:childId')
  journey(@Res() res: Response): void {
    this.assets.send(res, 'journey.html');
  }

  @Get('inbox')
  inbox(@Res() res: Response): void {
    this.assets.send(res, 'inbox.html');
  }

  @Get('assets/*path')
  asset(@Param('path') path: string | string[], @Res() res: Response): void {
    this.assets.send(res, Array.isArray(path) ? path.join('/') : path);
  }
}
