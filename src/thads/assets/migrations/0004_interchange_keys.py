# The natural keys of the interchange records of docs/interchange-assets.md (helper E of issue 15).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assets', '0003_debtor_address_unknown'),
    ]

    operations = [
        migrations.CreateModel(
            name='InterchangeKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('record_type', models.CharField(max_length=24)),
                ('key', models.CharField(max_length=64)),
                ('object_id', models.BigIntegerField()),
            ],
            options={
                'verbose_name': 'interchange key',
                'constraints': [
                    models.UniqueConstraint(fields=('record_type', 'key'), name='assets_ikey_type_key'),
                    models.UniqueConstraint(fields=('record_type', 'object_id'), name='assets_ikey_type_object'),
                ],
            },
        ),
    ]
