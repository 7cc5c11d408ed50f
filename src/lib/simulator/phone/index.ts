/** The simulator phone's sample app: set-up, sign-in steps, account calls, authenticator and QR code. No DOM. */
export * from './sample-app';
export * from './account';
export * from './authenticator';
export { qrPath } from './qr';
