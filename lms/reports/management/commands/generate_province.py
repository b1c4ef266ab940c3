from django.core.management.base import BaseCommand, CommandError

from lms.reports.generate import AlreadyGenerated, counts_for, generate


class Command(BaseCommand):
    help = (
        "Generate a province-scale data set for reports and benchmarks: at scale 1, "
        "10 centres, 100,000 learners, 4,000 classes over 5 years and 400,000 enrolments "
        "with progress, attendance and quiz attempts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the full size (e.g. 0.01)."
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10.")
        self.stdout.write(f"Generating {counts_for(scale)} ...")
        try:
            written = generate(scale, seed, log=lambda message: self.stdout.write(message))
        except AlreadyGenerated:
            raise CommandError(
                "A generated data set is already in this database (users 'tinh-...')."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Done: {written}"))
