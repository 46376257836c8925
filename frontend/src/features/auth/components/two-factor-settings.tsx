import { NewRecoveryCodesForm } from './new-recovery-codes-form';
import { OwnMfaEnrollment } from './own-mfa-enrollment';
import { RecoveryCodes } from './recovery-codes';
import { useConfirmOwnMfaEnrollment } from '../api/confirm-own-mfa-enrollment';

/**
 * The profile's two-factor part: new recovery codes for someone who has TOTP, setting it up for
 * someone who put it off. The codes of a new set-up stay on screen until the person says they saved
 * them, although `me` already says they are enrolled.
 */
export function TwoFactorSettings({ enrolled }: { enrolled: boolean }) {
  const confirm = useConfirmOwnMfaEnrollment();

  if (confirm.data) {
    return <RecoveryCodes codes={confirm.data.recovery_codes} onContinue={() => confirm.reset()} />;
  }
  if (enrolled) return <NewRecoveryCodesForm />;
  return <OwnMfaEnrollment confirm={confirm} />;
}
