"""Writers: render what a job produced (a review, a screening, a catalogue, the cleanup worklist) to bytes;
they never decide anything. memo/, screening/, catalogue/ and cleanup/ hold one family each."""
