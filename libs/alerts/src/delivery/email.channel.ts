import { UnrecoverableError } from 'bullmq';
import { createTransport, type Transporter } from 'nodemailer';
import { alertText, noticeTitle, type AlertMessage } from './alert-message';

/**
 * Email over SMTP (nodemailer): plain text, ids and the journey link only. A 5xx SMTP reply is
 * permanent (the server refused the message or mailbox), so it fails for good; anything else retries.
 */
export class EmailChannel {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(to: string, message: AlertMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to,
        subject: `[send-journeys] ${noticeTitle(message)}: ${message.area}`,
        text: alertText(message),
      });
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) throw new UnrecoverableError(`SMTP refused the message: ${code}`);
      throw error;
    }
  }

  close(): void {
    this.transport.close();
  }
}
