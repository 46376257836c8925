import { Container } from '@mantine/core';
import { useParams } from 'react-router';

import { SharedDownload } from '@/features/share-links/components/shared-download';

/** `/s/<token>`: a share link, opened by anyone, with no session. */
export default function SharedRoute() {
  const { token = '' } = useParams();
  return (
    <Container component="main" size="sm" py="xl">
      <SharedDownload token={token} />
    </Container>
  );
}
