"""Writers: render what a job produced (a review, a screening, a catalogue, the cleanup worklist) to bytes;
they never decide anything. memo/, screening/, catalogue/ and cleanup/ hold one family each; folder/ the report over
a batch review (审查汇总.docx/.xlsx beside its index.html), annotate/ the draft returned with comments."""
