#!/usr/bin/perl
# Writes two small databases in MaxMind's GeoLite2 shapes with MaxMind's own writer (Debian's
# libmaxmind-db-writer-perl): GeoLite2-Country.mmdb (country / registered_country maps with iso_code) and
# GeoLite2-ASN.mmdb (autonomous_system_number, autonomous_system_organization). Usage: write-geolite2.pl DIR
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift or die "usage: $0 DIR\n";
my %types = (
    autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string',
    country => 'map', registered_country => 'map', continent => 'map', names => 'map',
    iso_code => 'utf8_string', code => 'utf8_string', geoname_id => 'uint32', en => 'utf8_string',
);

sub tree {
    my ($type) = @_;
    return MaxMind::DB::Writer::Tree->new(
        ip_version => 6, record_size => 24, database_type => $type, languages => ['en'],
        description => { en => "Sluice test data in the $type shape" },
        map_key_type_callback => sub { $types{ $_[0] } },
    );
}

sub write_tree {
    my ($tree, $name) = @_;
    open my $fh, '>:raw', "$dir/$name" or die "$dir/$name: $!\n";
    $tree->write_tree($fh);
    close $fh or die "$dir/$name: $!\n";
}

my $country = tree('GeoLite2-Country');
$country->insert_network('8.8.8.0/24', {
    continent => { code => 'NA', geoname_id => 6255149, names => { en => 'North America' } },
    country => { iso_code => 'US', geoname_id => 6252001, names => { en => 'United States' } },
    registered_country => { iso_code => 'US', geoname_id => 6252001, names => { en => 'United States' } },
});
$country->insert_network('84.128.0.0/10', {
    country => { iso_code => 'DE', geoname_id => 2921044, names => { en => 'Germany' } },
    registered_country => { iso_code => 'DE', geoname_id => 2921044, names => { en => 'Germany' } },
});
# Placed by registration only (as GeoLite2 does for some anycast networks).
$country->insert_network('2001:4860::/32', {
    registered_country => { iso_code => 'CA', geoname_id => 6251999, names => { en => 'Canada' } },
});
write_tree($country, 'GeoLite2-Country.mmdb');

my $asn = tree('GeoLite2-ASN');
$asn->insert_network('8.8.8.0/24', { autonomous_system_number => 15169, autonomous_system_organization => 'GOOGLE' });
$asn->insert_network('1.1.1.0/24', { autonomous_system_number => 13335, autonomous_system_organization => 'CLOUDFLARENET' });
$asn->insert_network('2001:4860::/32', { autonomous_system_number => 15169, autonomous_system_organization => 'GOOGLE' });
write_tree($asn, 'GeoLite2-ASN.mmdb');
